"""The foundation every layer may import: time, refusals, ids, folders and logs."""

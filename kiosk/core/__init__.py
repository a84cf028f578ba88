"""The station's domain rules, Qt-free: members, check-ins, campaigns, entitlements, stock, handouts, codes."""

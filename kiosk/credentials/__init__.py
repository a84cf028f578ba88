"""Signed membership and voucher QR codes, verifiable offline (Qt-free)."""

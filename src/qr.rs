//! QR codes for the terminal (being written).

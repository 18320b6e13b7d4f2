"""Security helpers with no Qt: protected exports, classification checks."""

"""Version for runs where the package metadata is missing (frozen app); kept in step with
pyproject.toml by build_installer.py and checked by tests/test_version.py."""
VERSION = "0.1.0"

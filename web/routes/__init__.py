"""The pages, one module per page or group of pages; every form post checks its token."""

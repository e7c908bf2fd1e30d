"""The network's pages: organisations and their staff (organisations), requests to act for an
organisation (claims), staff invitations (invitations)."""

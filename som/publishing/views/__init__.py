"""The publishing pages, by topic: the site's own pages (pages.py: contact, robots.txt...), the
directory, consents, images, portraits, the team's social posts (sharing.py) and the labs' stories."""

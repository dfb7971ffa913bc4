"""The writer's live preview, engine-free: an HTTP server that asks a site for each page,
reloads open pages when the site changes, and a watcher that tells the site what changed."""

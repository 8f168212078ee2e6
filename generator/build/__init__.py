"""Build: running a build, independent of the engine (MkDocs' part is in mkdocs_adapter).

    chrome    the theme's markup around a page body, made lighter
    frames    the theme rendered once per page shape, each page joined from its frame
    jobs      what a build writes besides its pages, in forked processes
    preview   an incremental rebuild equal to a full one (mkdocs serve --dirty)
    progress  named phases and their times on long builds
    shards    a build split into N jobs, and the merge of their folders into one site
    site_size a built site's bytes by kind of output, against GitHub Pages' 1 GB
"""

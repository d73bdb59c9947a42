"""``scorm-builder preview``: a local LMS that rebuilds the course on every save.

rebuild.py       Rebuilder(course_dir).rebuild() -> BuildOutcome: a build into memory, with caches
render_cache.py  the pages and assets a rebuild reuses (a caches.RenderStore passed to build.build)
toc.py           the table of contents, read from the built imsmanifest.xml
server.py        HTTP: the LMS page, the build's files, build state and Server-Sent Events
watch.py         folder watching (watchfiles), debounced
app.py           Preview: the three together; serve() for the command line
command.py       the click command
static/          the LMS page: lms.html, lms.js, lms.css and the SCORM 1.2 API (scorm12-api.js).
                 Served by the preview only; never part of a package.
"""

"""works_without_the_database: for the form pages and webhooks that must answer while the database is down."""

from functools import wraps

from cms.toolbar.toolbar import EmptyToolbar


def works_without_the_database(view):
    """Give the view django CMS's empty toolbar instead of the real one.

    django CMS's toolbar middleware builds its toolbar on every response, and that
    looks up the Site in the database. These views have no CMS content to edit, so
    they get the CMS's own empty toolbar instead. If the view raises (a 404, say),
    the real toolbar is put back for the site's error page, which shows the CMS menu.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        real_toolbar = request.__dict__.get("toolbar")
        request.toolbar = EmptyToolbar(request)
        try:
            return view(request, *args, **kwargs)
        except BaseException:
            if real_toolbar is None:
                del request.toolbar
            else:
                request.toolbar = real_toolbar
            raise

    return wrapper

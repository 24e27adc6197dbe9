"""Decorators for the public form pages and webhooks: working without the database, and without cookies."""

from functools import wraps

from cms.toolbar.toolbar import EmptyToolbar
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.views.decorators.csrf import csrf_exempt


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


def posted_from_another_site(request) -> bool:
    """What the browser says about where a post came from: Sec-Fetch-Site, else Origin.

    A page cannot forge either. Neither header (an old browser, or a program
    rather than a browser) is not another site using someone's browser.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    own_origin = f"{request.scheme}://{request.get_host()}"
    # "null" comes from sandboxed frames, which another site can use to hide where it is.
    return origin != own_origin and origin not in settings.CSRF_TRUSTED_ORIGINS


def cookieless_csrf_protection(view):
    """Cross-site request forgery protection for the public complaint form, needing no cookie.

    Django's check needs a cookie, and a young person's locked-down phone may block
    cookies: every post answered 403 and the answers were lost. The cookie protects
    nothing here: these views act on no one's behalf (no session, no sign-in); the
    answers travel signed in the page and posts are rate-limited per address. What
    is left for CSRF protection to stop is another site making its visitors'
    browsers post complaints, and browsers say when a post comes from another site.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and posted_from_another_site(request):
            raise PermissionDenied("A post to the complaint form from another site")
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapper)

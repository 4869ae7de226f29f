"""The page cache's one table: changes saved while the cache could not be told."""

from django.db import models


class PendingInvalidation(models.Model):
    """A content change whose cache invalidation failed (the cache was unreachable).

    Written in the same transaction as the change, so it exists exactly when the change
    does; applied (and deleted) by portal/caching.py before a page is served from the
    cache again."""

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "väntande cachetömning"
        verbose_name_plural = "väntande cachetömningar"

    def __str__(self):
        return f"Väntande cachetömning {self.created_at:%Y-%m-%d %H:%M}"

"""The ``reddit`` source: submissions (and optionally comments) through PRAW, read-only.

Credentials come from REDDIT_CLIENT_ID, REDDIT_CLIENT_SECRET and REDDIT_USER_AGENT, or from
praw.ini. PRAW's own session talks to the API; prawcore raises TooManyRequests on a 429 without
retrying, so this module retries TooManyRequests, ServerError and connection errors a bounded
number of times with the backoff of the shared HTTP policy.
"""

from __future__ import annotations

import logging
import os
import random
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar

from pipeline.config import RedditSourceConfig
from pipeline.errors import RetriableSourceError, SourceError
from pipeline.records import Post, PostKind, post_problem
from pipeline.sources.base import Page, Source, build_post, register, window_start
from pipeline.sources.http import HttpClient, HttpPolicy, RetryLater

log = logging.getLogger(__name__)

PAGE_SIZE = 100
#: Bound on "load more comments" expansions per submission (each is a request).
REPLACE_MORE_LIMIT = 8
POLICY = HttpPolicy()
DELETED = {"[deleted]", "[removed]"}
_SUBMISSION_FIELDS = (
    "id", "name", "title", "selftext", "score", "num_comments", "created_utc", "permalink",
    "url", "over_18", "link_flair_text", "edited", "removed_by_category", "upvote_ratio",
)  # fmt: skip
_COMMENT_FIELDS = (
    "id", "name", "body", "score", "created_utc", "permalink", "parent_id", "link_id", "edited",
)  # fmt: skip


@register
class RedditSource(Source):
    type = "reddit"
    cursor_field: ClassVar[str] = "created_utc"
    config: RedditSourceConfig

    def _client(self) -> Any:
        return reddit_client(self.config, self.context.contact)

    def pages(self, position: dict[str, Any] | None) -> Iterator[Page]:
        reddit = self._client()
        start = window_start(position, self.config, self.context.now).timestamp()
        newest = float(position["newest"]) if position and position.get("newest") else start
        subreddit = "+".join(s.strip().removeprefix("r/") for s in self.config.subreddits)
        for attempt in range(1, POLICY.max_attempts + 1):
            try:
                for page in self._listing(reddit, subreddit, start):
                    for post in page.posts:
                        newest = max(newest, post.created_at.timestamp())
                    yield page
                break
            except RetriableSourceError as error:
                if attempt == POLICY.max_attempts:
                    raise RetriableSourceError(
                        f"gave up after {attempt} attempts: r/{subreddit}: {error}"
                    ) from None
                delay = getattr(error, "retry_after", None) or POLICY.backoff * 2 ** (attempt - 1)
                log.warning(
                    "r/%s: %s; retry %d of %d", subreddit, error, attempt, POLICY.max_attempts - 1
                )
                HttpClient.sleep(min(delay + random.uniform(0, POLICY.backoff), POLICY.max_backoff))
        yield Page([], position={"newest": int(newest)})

    def _listing(self, reddit: Any, subreddit: str, start: float) -> Iterator[Page]:
        """The submissions newer than ``start`` (and their comments), in pages."""
        import prawcore

        sub = reddit.subreddit(subreddit)
        sort = self.config.sort
        if self.config.query:
            listing = sub.search(self.config.query, sort=sort, time_filter="all", limit=None)
        else:
            listing = getattr(sub, sort if sort in {"new", "hot", "top"} else "new")(limit=None)
        posts: list[Post] = []
        rejected: list[str] = []
        try:
            for submission in listing:
                if submission.created_utc <= start:
                    if sort == "new":
                        break  # newest first: the rest is older still
                    continue
                posts += self._accepted(self.submission_post, [submission], rejected)
                if self.config.comments:
                    submission.comments.replace_more(limit=REPLACE_MORE_LIMIT)
                    comments = submission.comments.list()
                    posts += self._accepted(self.comment_post, comments, rejected)
                if len(posts) >= PAGE_SIZE:
                    yield Page(posts, position={}, rejected=rejected)
                    posts, rejected = [], []
        except prawcore.exceptions.TooManyRequests as error:
            retry = (
                error.response.headers.get("Retry-After") if error.response is not None else None
            )
            wait = float(retry) if retry and retry.isdigit() else None
            raise RetryLater("429 Too Many Requests", wait) from None
        except (
            prawcore.exceptions.ServerError,
            prawcore.exceptions.RequestException,
            prawcore.exceptions.BadJSON,
        ) as error:
            raise RetryLater(f"{type(error).__name__}: {error}") from None
        except (
            prawcore.exceptions.Forbidden,
            prawcore.exceptions.NotFound,
            prawcore.exceptions.Redirect,
        ) as error:
            raise SourceError(
                f"r/{subreddit}: {type(error).__name__} ({error}); "
                "is the subreddit name right, and is it public?"
            ) from None
        except prawcore.exceptions.OAuthException as error:
            raise SourceError(f"Reddit refused the credentials: {error}") from None
        except prawcore.exceptions.ResponseException as error:
            raise SourceError(f"r/{subreddit}: {error}") from None
        yield Page(posts, position={}, rejected=rejected)

    @staticmethod
    def _accepted(
        convert: Callable[[Any], Post], things: Iterable[Any], rejected: list[str]
    ) -> list[Post]:
        """The things converted to posts; one with a bad field is named in ``rejected`` and
        left out, so it never loses the rest of its page."""
        posts = []
        for thing in things:
            try:
                post = convert(thing)
            except (AttributeError, TypeError, ValueError, OverflowError) as error:
                problem: str | None = f"missing or bad field ({error})"
            else:
                problem = post_problem(post)
            if problem:
                rejected.append(
                    f"reddit {getattr(thing, '__dict__', {}).get('name', '?')}: {problem}"
                )
            else:
                posts.append(post)
        return posts

    def submission_post(self, submission: Any) -> Post:
        return self._post(
            submission,
            kind="post",
            text=submission.selftext,
            fields=_SUBMISSION_FIELDS,
            title=submission.title,
        )

    def comment_post(self, comment: Any) -> Post:
        return self._post(
            comment,
            kind="comment",
            text=comment.body,
            fields=_COMMENT_FIELDS,
            parent_external_id=comment.parent_id,
        )

    def _post(
        self, thing: Any, *, kind: PostKind, text: str | None, fields: tuple[str, ...], **extra: Any
    ) -> Post:
        """A submission or a comment as a Post (what differs between them comes as arguments)."""
        return build_post(
            self.context,
            source=self.type,
            external_id=thing.name,
            kind=kind,
            created_at=datetime.fromtimestamp(thing.created_utc, tz=UTC),
            text=text or "",
            markup="markdown",
            url=f"https://www.reddit.com{thing.permalink}",
            author=thing.author.name if thing.author else None,
            score=int(thing.score or 0),
            raw=_fields(thing, fields),
            deleted=is_deleted(thing),
            **extra,
        )


def reddit_client(config: RedditSourceConfig | None, contact: str | None) -> Any:
    """A read-only PRAW client with the credentials from the environment (or praw.ini)."""
    import praw
    from praw.exceptions import MissingRequiredAttributeException

    settings: dict[str, Any] = {"check_for_updates": False, "check_for_async": False}
    for key, variable in (
        ("client_id", "REDDIT_CLIENT_ID"),
        ("client_secret", "REDDIT_CLIENT_SECRET"),
        ("user_agent", "REDDIT_USER_AGENT"),
    ):
        if os.environ.get(variable):
            settings[key] = os.environ[variable]
    if "user_agent" not in settings:
        settings["user_agent"] = f"python:review-monitoring:0.1 (contact {contact or 'unset'})"
    if config and config.oauth_url:
        settings["oauth_url"] = config.oauth_url
    if config and config.reddit_url:
        settings["reddit_url"] = config.reddit_url
    try:
        reddit = praw.Reddit(**settings)
    except MissingRequiredAttributeException:
        raise SourceError(
            "Reddit credentials are missing: set REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET "
            "(and REDDIT_USER_AGENT) in the environment, or use praw.ini"
        ) from None
    reddit.read_only = True
    return reddit


def is_deleted(thing: Any) -> bool:
    """Whether Reddit shows a submission or comment as deleted by its author or removed."""
    # vars(), not getattr(): a missing attribute would make PRAW fetch the item again.
    loaded = vars(thing)
    text = loaded.get("selftext", loaded.get("body")) or ""
    return text in DELETED or loaded.get("removed_by_category") is not None


def _fields(thing: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The listed attributes PRAW has already loaded, without fetching any more."""
    loaded = vars(thing)
    return {name: loaded[name] for name in names if name in loaded}

-- Steam reviews were stored with their own page as the URL, which is the author's profile
-- (https://steamcommunity.com/profiles/<steamid>/recommended/<appid>/) and undid the pseudonym
-- for every reader of the evidence. They now link to the game's reviews on the store.
-- depends: 0005_file_post_ids

UPDATE reviews.posts
SET url = regexp_replace(
        url,
        '^https?://steamcommunity\.com/profiles/[^/]+/recommended/([0-9]+)/?.*$',
        'https://store.steampowered.com/app/\1/#app_reviews_hash'
    )
WHERE source = 'steam' AND url ~ '^https?://steamcommunity\.com/profiles/';

-- Up Migration
CREATE TABLE links (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[A-Za-z0-9_-]{3,64}$'),
  url text NOT NULL CHECK (char_length(url) <= 2048),
  clicks bigint NOT NULL DEFAULT 0 CHECK (clicks >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The home page lists the most-clicked links.
CREATE INDEX links_clicks_idx ON links (clicks DESC, id DESC);

-- Down Migration
DROP TABLE links;

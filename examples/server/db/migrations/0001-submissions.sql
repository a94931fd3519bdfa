-- The submissions the example back end accepted, each with its receipt: one row written in one
-- transaction, so a submission is either wholly there or not at all.
--   id                 the envelope's id (a UUID the form makes once): the same declaration sent again
--                      finds its row; the receipt's reference
--   digest             envelopeDigest of the envelope: "sha256:" and 64 hex digits; what a repeated POST
--                      is compared by, and what the citizen signed
--   procedure_id, procedure_version   the procedure the envelope names
--   persona            who submitted it (in a real portal: the signed-in citizen); only they may read it
--   received_at        the server's clock when it was accepted: the receipt's time
--   envelope           the envelope as accepted and validated (its members' order aside: jsonb)
CREATE TABLE submissions (
  id uuid PRIMARY KEY,
  digest text NOT NULL CHECK (digest ~ '^sha256:[0-9a-f]{64}$'),
  procedure_id text NOT NULL,
  procedure_version text NOT NULL,
  persona text NOT NULL,
  received_at timestamptz NOT NULL,
  envelope jsonb NOT NULL CHECK (jsonb_typeof(envelope) = 'object')
);

-- A citizen's submissions, newest first.
CREATE INDEX submissions_by_persona ON submissions (persona, received_at DESC);

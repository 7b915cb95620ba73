-- A page as a template provider sends it (Alibaba Cloud: a pre-approved template code plus variables): the
-- message type and the facts its variables are filled from, e.g.
-- {"type":"CRITICAL","facts":{"name":"王阿婆","place":"平江街道大儒巷12号","code":"SW00001",...}}.
-- NULL for pages written before templates and for texts without one; Twilio sends the body either way.
ALTER TABLE notification ADD COLUMN template jsonb;

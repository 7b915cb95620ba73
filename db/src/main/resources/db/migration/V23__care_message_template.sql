-- A care SMS as a template type and its facts (issue 13), beside its finished text: a provider that sends only
-- pre-approved templates (Alibaba Cloud) needs them, and a retry sends the same message. Null for a text with no
-- registered template, which then goes as free text.
ALTER TABLE care_message ADD COLUMN template jsonb;

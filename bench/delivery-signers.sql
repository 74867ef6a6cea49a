-- :signers counted signatures (100,000 unless the bench says otherwise), plus 1,000 pending and 1,000 withdrawn
-- ones that must not be delivered, on the demo petition, made in one statement. The bench script replaces :signers
-- and :created (with a timestamp literal of the database's own kind). The names, places and comments vary in
-- length so that lines wrap as real ones do.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :signers + 2000)
INSERT INTO signatures (petition_id, first_name, last_name, email, normalized_email, postal_code, country, comment,
    show_name_publicly, wants_updates, locale, created_at, status, confirmation_requests, held_for_review)
SELECT (SELECT id FROM petitions WHERE slug = 'stop-shotspotter'),
    CASE i % 8 WHEN 0 THEN 'Ada' WHEN 1 THEN 'José' WHEN 2 THEN 'Zoë' WHEN 3 THEN 'Marcus' WHEN 4 THEN 'Aisha'
        WHEN 5 THEN 'Nguyen' WHEN 6 THEN 'Dolores' ELSE 'Christopher' END,
    CASE i % 7 WHEN 0 THEN 'Lovelace' WHEN 1 THEN 'García Márquez' WHEN 2 THEN 'Okonkwo' WHEN 3 THEN 'Smith'
        WHEN 4 THEN 'Abdullah' WHEN 5 THEN 'Van der Westhuizen-Johnson' ELSE 'Lee' END || ' ' || i,
    'signer' || i || '@example.org', 'signer' || i || '@example.org',
    CAST(10000 + (i * 7919 % 89999) AS TEXT),
    CASE WHEN i % 10 < 7 THEN 'US' WHEN i % 10 = 7 THEN 'GB' WHEN i % 10 = 8 THEN 'CA' ELSE 'MX' END,
    CASE WHEN i % 3 = 0 THEN 'Acoustic sensors do not make anyone safer. ' || substr(
        'They send police into our neighborhoods on false alarms, again and again, and nobody is accountable for it.',
        1, 20 + (i % 90)) WHEN i % 101 = 0 THEN '=HYPERLINK("http://example.invalid")' ELSE NULL END,
    false, false, 'en', :created,
    CASE WHEN i > :signers + 1000 THEN 'Withdrawn' WHEN i > :signers THEN 'Pending' ELSE 'Counted' END, 0, false
FROM n;
UPDATE petitions SET signature_count = :signers WHERE slug = 'stop-shotspotter';

-- Programs and rounds get an optional Spanish name, for respondents who read the survey in
-- Spanish. Where it is missing, pages show the English name and mark it as English.

ALTER TABLE programs ADD COLUMN name_es TEXT CHECK (name_es IS NULL OR length(name_es) BETWEEN 1 AND 200);
ALTER TABLE rounds ADD COLUMN name_es TEXT CHECK (name_es IS NULL OR length(name_es) BETWEEN 1 AND 200);

-- How many staff work in each program, as a manager enters it: the results then say what share of
-- them answered a round, beside how many did. Empty until entered. It is a number the agency
-- already knows about itself, not a figure of any response, so it is shown as entered.

ALTER TABLE programs ADD COLUMN staff_count INTEGER CHECK (staff_count IS NULL OR staff_count BETWEEN 1 AND 10000);

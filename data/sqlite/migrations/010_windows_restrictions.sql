-- 010: when a program takes applications beyond its dates (data.Window:
-- rolling, unknown, between, past), whether a course only takes names for
-- a freed place (waitlist), and who programs and job openings are for
-- beyond ages and residence (data.Restrictions, a licence); the ages some
-- job openings carry (노인일자리: 60 and over).
ALTER TABLE programs ADD COLUMN apply_window TEXT NOT NULL DEFAULT ''
    CHECK (apply_window IN ('', 'rolling', 'unknown', 'between', 'past'));
ALTER TABLE programs ADD COLUMN waitlist INTEGER NOT NULL DEFAULT 0 CHECK (waitlist IN (0, 1));
ALTER TABLE programs ADD COLUMN restrictions TEXT NOT NULL DEFAULT '';
ALTER TABLE programs ADD COLUMN licence TEXT NOT NULL DEFAULT '';
ALTER TABLE jobs ADD COLUMN min_age INTEGER;
ALTER TABLE jobs ADD COLUMN max_age INTEGER;
ALTER TABLE jobs ADD COLUMN restrictions TEXT NOT NULL DEFAULT '';
ALTER TABLE jobs ADD COLUMN licence TEXT NOT NULL DEFAULT '';

-- 002: the residence rule of district programmes (구민 대상): only residents
-- of the program's district may join (data.Program.DistrictOnly).
ALTER TABLE programs ADD COLUMN district_only INTEGER NOT NULL DEFAULT 0 CHECK (district_only IN (0, 1));

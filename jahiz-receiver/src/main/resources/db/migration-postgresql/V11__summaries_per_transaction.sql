-- The inbox's summary rows are now updated by the receiver once per failure per transaction
-- (store/SummaryUpdates), not by a trigger once per report. The delete trigger stays: retention
-- deletes in bulk, and SQL alone knows which rows it removed.
DROP TRIGGER reports_summarize ON reports;
DROP FUNCTION reports_summarize();

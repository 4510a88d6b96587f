/** The id of the `<script type="application/json">` that holds a run report's data. */
export const RUN_REPORT_DATA_ID = 'run-report-data';

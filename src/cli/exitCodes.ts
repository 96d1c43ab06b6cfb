// Exit codes of every batch-images command.
export const EXIT_OK = 0;
/** check: findings at the --fail-on level; report: pools affected with --fail-if-any. */
export const EXIT_FINDINGS = 1;
/** Usage, input or loading errors. */
export const EXIT_USAGE = 2;

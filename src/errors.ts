/**
 * The error hierarchy every layer throws. Each error carries the exit code the CLI maps it to,
 * a stable code (for --json and for tests), and `actions`: what the user should do about it.
 * Messages name the file or flag, echo the bad value and say the fix.
 */
export interface AppErrorOptions {
  readonly cause?: unknown;
  readonly actions?: readonly string[];
  readonly data?: unknown;
}

export class AppError extends Error {
  /** Exit code of the CLI when this error ends a command. */
  readonly exitCode: number = 1;
  readonly code: string;
  readonly actions: readonly string[];
  readonly data: unknown;

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.actions = options.actions ?? [];
    this.data = options.data;
  }
}

/** Bad flags or flag combinations (exit 2). */
export class UsageError extends AppError {
  override readonly exitCode: number = 2;
}

/** One problem in an input file: where, what, which value, and how to fix it. */
export interface InputProblem {
  readonly file: string;
  /** JSON path (`/profile/description`) or XML location (`line 3, column 5`); empty when the whole file is at fault. */
  readonly location: string;
  readonly message: string;
  readonly value?: unknown;
  readonly fix?: string;
}

/** Bad input files: config, templates, metadata to format (exit 2). Lists every problem at once. */
export class InputError extends AppError {
  override readonly exitCode: number = 2;
  readonly problems: readonly InputProblem[];

  constructor(code: string, problems: readonly InputProblem[], options: AppErrorOptions = {}) {
    super(code, formatProblems(problems), { ...options, data: options.data ?? { problems } });
    this.problems = problems;
  }
}

/** Something failed that is not the user's input: an org call, a deploy (exit 1 unless a subclass says else). */
export class OperationError extends AppError {}

/** The deploy succeeded but a later step (the user) failed: the Salesforce CLI's partial-deploy code. */
export class PartialSuccessError extends AppError {
  override readonly exitCode: number = 68;
}

/** A bug in apionly itself. */
export class InternalError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super('InternalError', message, {
      ...options,
      actions: options.actions ?? ['This is a bug in apionly: please report it with the command you ran and this message.'],
    });
  }
}

export function formatProblems(problems: readonly InputProblem[]): string {
  const lines = problems.map((p) => {
    const where = p.location ? `${p.file}: ${p.location}` : p.file;
    const value = p.value === undefined ? '' : ` (got ${JSON.stringify(p.value)})`;
    const fix = p.fix ? `\n    fix: ${p.fix}` : '';
    return `  - ${where}: ${p.message}${value}${fix}`;
  });
  const head = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `${head} found:\n${lines.join('\n')}`;
}

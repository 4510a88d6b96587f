/**
 * Something of the template the local cloud does not run as AWS would, said at start instead of
 * stopping it: a placeholder given for a reference it cannot resolve, a mapping kept disabled.
 */
export interface SupportWarning {
  /** The resource, parameter or export the warning is about. */
  readonly logicalId: string;
  /** Its resource type, `Parameter` for a template parameter, `Export` for an `Fn::ImportValue`. */
  readonly type: string;
  /** Where it is referenced or read, such as `Outputs.ApiUrl` or `Fn.Properties.Environment.Variables.BUCKET`. */
  readonly location: string;
  /** One line for a terminal. */
  readonly message: string;
  /** The value given in place of the real one, when there is one. */
  readonly placeholder?: string;
}

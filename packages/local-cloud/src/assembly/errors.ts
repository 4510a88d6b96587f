/**
 * An intrinsic function, pseudo parameter or attribute the local cloud cannot resolve.
 *
 * @deprecated no longer thrown: the resolver gives what it cannot resolve a placeholder and a
 * warning (`IntrinsicResolver.warnings`); kept for code that still catches it.
 */
export class UnsupportedIntrinsicError extends Error {
  constructor(
    /** The intrinsic as written in the template, such as `Fn::ImportValue` or `Fn::GetAtt Table.StreamArn`. */
    public readonly intrinsic: string,
    /** Where it occurs: the logical id and property path, such as `ProcessOrders.Properties.Environment`. */
    public readonly location: string,
  ) {
    super(
      `${intrinsic} in ${location} is not supported by the local cloud; supported: Ref, Fn::GetAtt, ` +
        'Fn::Join, Fn::Select, Fn::Split, Fn::Sub and the pseudo parameters AWS::Partition, AWS::Region, ' +
        'AWS::AccountId, AWS::URLSuffix, AWS::StackName, AWS::StackId, AWS::NoValue',
    );
    this.name = 'UnsupportedIntrinsicError';
  }
}

/** A cloud assembly that is missing, malformed, or lacks what the local cloud needs. */
export class CloudAssemblyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloudAssemblyError';
  }
}

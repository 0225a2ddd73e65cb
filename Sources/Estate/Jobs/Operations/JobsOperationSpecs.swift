/// The `kinesisanalyticsv2` operations the command language knows, with botocore's members.
enum JobsOperationSpecs {
    static let service = "kinesisanalyticsv2"

    static let applicationConfiguration = ParameterShape.structure([
        ("FlinkApplicationConfiguration", .structure([
            ("CheckpointConfiguration", .structure([
                ("ConfigurationType", .string), ("CheckpointingEnabled", .boolean), ("CheckpointInterval", .integer), ("MinPauseBetweenCheckpoints", .integer),
            ])),
            ("ParallelismConfiguration", .structure([
                ("ConfigurationType", .string), ("Parallelism", .integer), ("ParallelismPerKPU", .integer), ("AutoScalingEnabled", .boolean),
            ])),
        ])),
        ("ApplicationCodeConfiguration", .structure([
            ("CodeContent", .structure([("TextContent", .string)])),
            ("CodeContentType", .string),
        ])),
        ("ApplicationSnapshotConfiguration", .structure([("SnapshotsEnabled", .boolean)])),
    ])

    /// UpdateApplication's shape: every member named with an `Update` suffix.
    static let applicationConfigurationUpdate = ParameterShape.structure([
        ("FlinkApplicationConfigurationUpdate", .structure([
            ("CheckpointConfigurationUpdate", .structure([
                ("ConfigurationTypeUpdate", .string), ("CheckpointingEnabledUpdate", .boolean), ("CheckpointIntervalUpdate", .integer),
                ("MinPauseBetweenCheckpointsUpdate", .integer),
            ])),
            ("ParallelismConfigurationUpdate", .structure([
                ("ConfigurationTypeUpdate", .string), ("ParallelismUpdate", .integer), ("ParallelismPerKPUUpdate", .integer),
                ("AutoScalingEnabledUpdate", .boolean),
            ])),
        ])),
        ("ApplicationCodeConfigurationUpdate", .structure([
            ("CodeContentUpdate", .structure([("TextContentUpdate", .string)])),
            ("CodeContentTypeUpdate", .string),
        ])),
        ("ApplicationSnapshotConfigurationUpdate", .structure([("SnapshotsEnabledUpdate", .boolean)])),
    ])

    static let runConfiguration = ParameterShape.structure([
        ("FlinkRunConfiguration", .structure([("AllowNonRestoredState", .boolean)])),
        ("ApplicationRestoreConfiguration", .structure([("ApplicationRestoreType", .string), ("SnapshotName", .string)])),
    ])

    static let all: [OperationSpec] = [
        OperationSpec(service: service, name: "CreateApplication", parameters: [
            ParameterSpec("ApplicationName", .string, required: true),
            ParameterSpec("ApplicationDescription", .string),
            ParameterSpec("RuntimeEnvironment", .string, required: true, help: "FLINK-1_20"),
            ParameterSpec("ServiceExecutionRole", .string, required: true),
            ParameterSpec("ApplicationConfiguration", applicationConfiguration, help: "the job YAML as ApplicationCodeConfiguration.CodeContent.TextContent"),
            ParameterSpec("ApplicationMode", .string),
        ], summary: "Create a stream job from its YAML dataflow"),
        OperationSpec(service: service, name: "StartApplication", parameters: [
            ParameterSpec("ApplicationName", .string, required: true),
            ParameterSpec("RunConfiguration", runConfiguration),
        ], summary: "Start a job, restoring from a snapshot if asked"),
        OperationSpec(service: service, name: "StopApplication", parameters: [
            ParameterSpec("ApplicationName", .string, required: true),
            ParameterSpec("Force", .boolean),
        ], summary: "Stop a job (with a savepoint unless --force)"),
        OperationSpec(service: service, name: "DescribeApplication", parameters: [
            ParameterSpec("ApplicationName", .string, required: true),
            ParameterSpec("IncludeAdditionalDetails", .boolean),
        ], summary: "Describe a job"),
        OperationSpec(service: service, name: "UpdateApplication", parameters: [
            ParameterSpec("ApplicationName", .string, required: true),
            ParameterSpec("CurrentApplicationVersionId", .integer, required: true, help: "the version describe-application shows"),
            ParameterSpec("ApplicationConfigurationUpdate", applicationConfigurationUpdate, help: "new code text, parallelism or checkpointing"),
            ParameterSpec("ServiceExecutionRoleUpdate", .string),
            // AWS's API has no member for this; CloudFormation changes the description in place,
            // and this simulation-only parameter is how the estate's stacks do it.
            ParameterSpec("ApplicationDescriptionUpdate", .string, help: "simulation only: a new description"),
        ], summary: "Change a job's code or settings; a running job restarts from a snapshot"),
        OperationSpec(service: service, name: "ListApplications", parameters: [
            ParameterSpec("Limit", .integer), ParameterSpec("NextToken", .string),
        ], summary: "List jobs"),
        OperationSpec(service: service, name: "DeleteApplication", parameters: [
            ParameterSpec("ApplicationName", .string, required: true),
            ParameterSpec("CreateTimestamp", .string, required: true),
        ], summary: "Delete a job"),
    ]
}

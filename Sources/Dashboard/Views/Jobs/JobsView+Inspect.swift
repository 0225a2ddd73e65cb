/// `d`, `y` and `c` in the Jobs view: the selected stream application.
extension JobsView: Inspectable {
    public var inspection: Inspection? {
        selectedJobName.map { Inspection(kind: "Job", id: $0, command: "kinesisanalyticsv2 describe-application --application-name \($0)") }
    }
}

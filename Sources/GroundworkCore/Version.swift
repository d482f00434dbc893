/// Groundwork: a multi-year budget simulation engine.
///
/// Files -> `Scenario` (loaded, merged, validated) -> `Plan` (discrete decisions) ->
/// `Projection` (exposures x rates through BLAS) -> reports (CSV tables, written atomically).
/// `Run` strings the stages together for the command line.
public enum Engine {
    public static let version = "0.1.0"
    /// The version of the model and interface contract implemented (MODEL.md).
    public static let modelVersion = "1.2"
}

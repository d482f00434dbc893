// The `Groundwork` library: the four layers below, re-exported for callers that want all of
// them (the command line, the benchmarks). Each layer imports only those beneath it:
//   GroundworkCore   <- GroundworkIO <- GroundworkEngine <- GroundworkDesk
@_exported import GroundworkCore
@_exported import GroundworkDesk
@_exported import GroundworkEngine
@_exported import GroundworkIO

//go:build race

package crashtest

// raceEnabled builds the commands and the worker with the race detector
// when the tests themselves run under it.
const raceEnabled = true

package mqi

import "context"

// OtelOpts carries OpenTelemetry settings for a put or get, as in ibmmq.
// gomqm accepts them so that programs compile unchanged, but does not
// propagate trace context.
type OtelOpts struct {
	Context context.Context
	// RemoveRFH2 asks MQGET to remove an RFH2 header that holds only
	// trace context properties.
	RemoveRFH2 bool
}

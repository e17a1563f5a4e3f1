package bench

import (
	"encoding/json"
	"fmt"
	"math/bits"
	"time"
)

// Histogram counts durations in log-linear buckets, in the manner of an
// HDR histogram: values below 128 ns have a bucket each; above, every
// power of two is split into 64 buckets, so a bucket's width is at most
// 1/64 of its lower bound and a reported percentile is within 1% of the
// true sample. The zero value is empty and ready to use.
type Histogram struct {
	counts []uint64 // by bucket index, grown on demand
	total  uint64
	max    time.Duration
}

// precisionBits sets the bucket layout: values below 1<<precisionBits
// are exact, and each power of two above has 1<<(precisionBits-1)
// buckets.
const precisionBits = 7

const halfBuckets = 1 << (precisionBits - 1)

// maxBuckets is the number of buckets needed for any non-negative int64.
const maxBuckets = (64 - precisionBits + 1) * halfBuckets

// bucketOf returns the bucket index of v (ns); negative values count as 0.
func bucketOf(v int64) int {
	if v < 1<<precisionBits {
		return int(max(v, 0))
	}
	shift := bits.Len64(uint64(v)) - precisionBits
	return shift*halfBuckets + int(uint64(v)>>shift)
}

// bucketRange returns the smallest value of bucket i and its width.
func bucketRange(i int) (lower, width int64) {
	if i < 1<<precisionBits {
		return int64(i), 1
	}
	shift := i/halfBuckets - 1
	mantissa := int64(i - shift*halfBuckets)
	return mantissa << shift, 1 << shift
}

// Record counts one duration.
func (h *Histogram) Record(d time.Duration) {
	i := bucketOf(int64(d))
	if i >= len(h.counts) {
		h.grow(i + 1)
	}
	h.counts[i]++
	h.total++
	h.max = max(h.max, d)
}

func (h *Histogram) grow(n int) {
	n = max(n, 2*len(h.counts), 1<<precisionBits)
	n = min(n, maxBuckets)
	c := make([]uint64, n)
	copy(c, h.counts)
	h.counts = c
}

// Count returns how many durations were recorded.
func (h *Histogram) Count() uint64 { return h.total }

// Max returns the largest duration recorded.
func (h *Histogram) Max() time.Duration { return h.max }

// Merge adds o's counts to h.
func (h *Histogram) Merge(o *Histogram) {
	if len(o.counts) > len(h.counts) {
		h.grow(len(o.counts))
	}
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.total += o.total
	h.max = max(h.max, o.max)
}

// Percentile returns the duration below or at which a fraction q (0 to 1)
// of the recorded durations fall: the middle of the bucket holding the
// sample of that rank, never more than Max, and Max for the last rank. It returns 0 when the
// histogram is empty.
func (h *Histogram) Percentile(q float64) time.Duration {
	if h.total == 0 {
		return 0
	}
	rank := uint64(q*float64(h.total) + 0.5)
	rank = min(max(rank, 1), h.total)
	if rank == h.total {
		return h.max
	}
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			lower, width := bucketRange(i)
			return min(time.Duration(lower+width/2), h.max)
		}
	}
	return h.max
}

// histJSON is the wire form of a Histogram: the non-empty buckets as
// [index, count] pairs, and the maximum.
type histJSON struct {
	Buckets [][2]uint64 `json:"buckets"`
	MaxNS   int64       `json:"max_ns"`
}

// MarshalJSON writes the non-empty buckets only.
func (h *Histogram) MarshalJSON() ([]byte, error) {
	out := histJSON{Buckets: [][2]uint64{}, MaxNS: int64(h.max)}
	for i, c := range h.counts {
		if c > 0 {
			out.Buckets = append(out.Buckets, [2]uint64{uint64(i), c})
		}
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads what MarshalJSON wrote, rejecting bucket indexes
// that no duration can have.
func (h *Histogram) UnmarshalJSON(b []byte) error {
	var in histJSON
	if err := json.Unmarshal(b, &in); err != nil {
		return fmt.Errorf("bench: histogram: %w", err)
	}
	if in.MaxNS < 0 {
		return fmt.Errorf("bench: histogram: negative maximum %d", in.MaxNS)
	}
	*h = Histogram{max: time.Duration(in.MaxNS)}
	for _, bc := range in.Buckets {
		i, c := bc[0], bc[1]
		if i >= maxBuckets {
			return fmt.Errorf("bench: histogram: bucket %d out of range", i)
		}
		if int(i) >= len(h.counts) {
			h.grow(int(i) + 1)
		}
		h.counts[i] += c
		h.total += c
	}
	return nil
}

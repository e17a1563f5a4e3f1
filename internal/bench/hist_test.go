package bench

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func TestBucketsCoverEveryValueOnce(t *testing.T) {
	values := []int64{0, 1, 63, 64, 127, 128, 129, 191, 192, 255, 256, 1000, 135_000, 1 << 40, math.MaxInt64}
	r := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		values = append(values, r.Int64N(1<<(1+r.IntN(62))))
	}
	for _, v := range values {
		i := bucketOf(v)
		if i < 0 || i >= maxBuckets {
			t.Fatalf("bucketOf(%d) = %d, outside [0, %d)", v, i, maxBuckets)
		}
		lower, width := bucketRange(i)
		if v < lower || v-lower >= width {
			t.Fatalf("value %d in bucket %d = [%d, %d+%d)", v, i, lower, lower, width)
		}
		if width > 1 && float64(width)/float64(lower) > 1.0/64 {
			t.Fatalf("bucket %d too wide: %d at %d", i, width, lower)
		}
	}
	// Neighbouring buckets meet without gaps.
	for i := 1; i < maxBuckets; i++ {
		pl, pw := bucketRange(i - 1)
		l, _ := bucketRange(i)
		if pl+pw != l {
			t.Fatalf("bucket %d starts at %d, previous ends at %d", i, l, pl+pw)
		}
	}
}

func TestPercentilesMatchSortedSample(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var h Histogram
	var sample []time.Duration
	for range 50000 {
		// a long-tailed latency: 100 µs plus an exponential tail
		d := 100*time.Microsecond + time.Duration(r.ExpFloat64()*float64(50*time.Microsecond))
		sample = append(sample, d)
		h.Record(d)
	}
	slices.Sort(sample)
	for _, q := range []float64{0.5, 0.9, 0.99, 0.999} {
		want := sample[int(q*float64(len(sample)))-1]
		got := h.Percentile(q)
		if rel := math.Abs(float64(got-want)) / float64(want); rel > 0.01 {
			t.Errorf("p%v = %v, sorted sample says %v (off by %.2f%%)", q*100, got, want, rel*100)
		}
	}
	if h.Count() != 50000 || h.Max() != sample[len(sample)-1] {
		t.Errorf("count %d max %v, want 50000 and %v", h.Count(), h.Max(), sample[len(sample)-1])
	}
	if p := h.Percentile(1); p != h.Max() {
		t.Errorf("p100 = %v, want the maximum %v", p, h.Max())
	}
}

func TestPercentileSmallCounts(t *testing.T) {
	var h Histogram
	if h.Percentile(0.5) != 0 {
		t.Fatal("empty histogram has a median")
	}
	h.Record(10 * time.Microsecond)
	h.Record(20 * time.Microsecond)
	h.Record(1 * time.Millisecond)
	near := func(got, want time.Duration) bool { return math.Abs(float64(got-want)) <= float64(want)/64 }
	if p := h.Percentile(0.5); !near(p, 20*time.Microsecond) {
		t.Errorf("median of 10µs, 20µs, 1ms = %v", p)
	}
	if p := h.Percentile(0.99); !near(p, time.Millisecond) || p > time.Millisecond {
		t.Errorf("p99 = %v, want about 1ms and never above the maximum", p)
	}
	if p := h.Percentile(0); !near(p, 10*time.Microsecond) {
		t.Errorf("p0 = %v, want the smallest", p)
	}
}

func TestMergeAndJSONRoundTrip(t *testing.T) {
	var a, b Histogram
	for i := range 1000 {
		a.Record(time.Duration(i) * time.Microsecond)
		b.Record(time.Duration(i) * time.Millisecond)
	}
	raw, err := json.Marshal(&b)
	if err != nil {
		t.Fatal(err)
	}
	var back Histogram
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if back.Count() != b.Count() || back.Max() != b.Max() || back.Percentile(0.5) != b.Percentile(0.5) {
		t.Fatalf("round trip changed the histogram: %d %v %v, want %d %v %v",
			back.Count(), back.Max(), back.Percentile(0.5), b.Count(), b.Max(), b.Percentile(0.5))
	}
	a.Merge(&back)
	if a.Count() != 2000 || a.Max() != 999*time.Millisecond {
		t.Fatalf("merged: count %d max %v", a.Count(), a.Max())
	}
	// Half the merged samples are below 1 ms.
	if p := a.Percentile(0.5); p > time.Millisecond {
		t.Errorf("merged median %v, want below 1ms", p)
	}
	if p := a.Percentile(0.75); p < 400*time.Millisecond || p > 600*time.Millisecond {
		t.Errorf("merged p75 %v, want about 500ms", p)
	}
}

func TestUnmarshalRejectsBadHistograms(t *testing.T) {
	for _, in := range []string{
		`{"buckets":[[99999,1]],"max_ns":5}`,
		`{"buckets":[[1,1]],"max_ns":-1}`,
		`{"buckets":"x"}`,
	} {
		var h Histogram
		if err := json.Unmarshal([]byte(in), &h); err == nil {
			t.Errorf("%s: accepted", in)
		}
	}
}

func FuzzHistogramJSON(f *testing.F) {
	f.Add([]byte(`{"buckets":[[0,1],[130,5],[3711,2]],"max_ns":12345}`))
	f.Add([]byte(`{"buckets":[],"max_ns":0}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var h Histogram
		if err := json.Unmarshal(data, &h); err != nil {
			return
		}
		// Whatever was accepted answers percentiles and survives a round trip.
		p50 := h.Percentile(0.5)
		if p50 < 0 {
			t.Fatalf("negative median %v", p50)
		}
		raw, err := json.Marshal(&h)
		if err != nil {
			t.Fatal(err)
		}
		var back Histogram
		if err := json.Unmarshal(raw, &back); err != nil {
			t.Fatalf("re-reading %s: %v", raw, err)
		}
		if back.Count() != h.Count() || back.Percentile(0.5) != p50 {
			t.Fatalf("round trip changed %s", raw)
		}
	})
}

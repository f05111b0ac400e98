// Cron oracle for argo-triggers (issue 2): answers the CLI's `next --jsonl` protocol with the real
// github.com/robfig/cron/v3 v3.0.1, composed the way Argo's cron controller composes schedules.
//
// Modes:
//
//	oracle-cron            JSONL requests on stdin → JSONL answers on stdout (the protocol below)
//	oracle-cron zones      prints the zone names Go's time.LoadLocation accepts from Go's tzdata (JSON array)
//	oracle-cron bench N    reads requests, times (ParseStandard + Next×count) and (Next×count) inside Go, ns/op
//	oracle-cron info       prints the Go and tzdata versions used
//	oracle-cron transitions  reads {"zone","from","until"} lines, prints the UTC-offset changes Go sees
//
// Request:  {"schedule":"…","timezone":"…","local":"…","from":"RFC3339","count":N}
// Answer:   {"times":[RFC3339…]} (+ "exhausted":true when Next returned the zero time),
//
//	{"error":"<robfig error>"}, {"timezone_error":"<time.LoadLocation error>"},
//	{"request_error":"…"} for a malformed request (not part of the golden fixtures).
//
// How a request maps onto Argo:
//   - Argo validates the raw schedule with cron.ParseStandard first (validate.go), then LoadLocation(timezone).
//     We do the same, in the same order, so a bad schedule reports the robfig error and a bad zone the Go error.
//   - The controller then schedules "CRON_TZ=<timezone> <schedule>" (withTimezone) when timezone != "",
//     otherwise the raw schedule. That composed text is parsed again (it can fail where the raw text passed,
//     e.g. a raw schedule that already carries a CRON_TZ= prefix).
//   - The controller's cron.New() uses location time.Local (the controller process's zone) and calls
//     Next(time.Now()), i.e. with a reference time in time.Local. We emulate that per request by assigning
//     time.Local = LoadLocation(local) BEFORE parsing: robfig's parser captures time.Local as the default
//     location, and SpecSchedule.Next compares s.Location against time.Local, so both see the controller zone
//     (and CRON_TZ=Local also resolves to it). The reference time is converted with .In(time.Local).
//   - A robfig panic (e.g. "CRON_TZ=UTC" with no space) is recovered and reported as {"error":"panic: <value>"}.
//
// Zone data: Argo's controller embeds time/tzdata; we point ZONEINFO at Go's own zoneinfo.zip (same data as
// time/tzdata) so the oracle does not depend on the host's /usr/share/zoneinfo version. Names that are not in
// Go's zip still fall through to the host's zoneinfo, exactly as in Go.
package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	_ "time/tzdata"
)

type request struct {
	Schedule string  `json:"schedule"`
	Timezone string  `json:"timezone"`
	Local    *string `json:"local"`
	From     string  `json:"from"`
	Count    *int    `json:"count"`
}

func zoneinfoZip() string {
	return filepath.Join(runtime.GOROOT(), "lib", "time", "zoneinfo.zip")
}

func parse(spec string) (s cron.Schedule, err error) {
	defer func() {
		if x := recover(); x != nil {
			s, err = nil, fmt.Errorf("panic: %v", x)
		}
	}()
	return cron.ParseStandard(spec)
}

func encode(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return strings.TrimRight(b.String(), "\n")
}

type answer struct {
	Times     []string `json:"times"`
	Exhausted bool     `json:"exhausted,omitempty"`
}

// prepare validates and composes a request like Argo; it returns the schedule and reference time, or an answer line.
func prepare(r request) (cron.Schedule, time.Time, int, string) {
	local := "UTC"
	if r.Local != nil {
		local = *r.Local
	}
	count := 5
	if r.Count != nil {
		count = *r.Count
	}
	if count < 1 || count > 1000 {
		return nil, time.Time{}, 0, encode(map[string]string{"request_error": "count must be between 1 and 1000"})
	}
	l, err := time.LoadLocation(local)
	if err != nil {
		return nil, time.Time{}, 0, encode(map[string]string{"request_error": "bad local zone: " + err.Error()})
	}
	time.Local = l
	ref, err := time.Parse(time.RFC3339Nano, r.From)
	if err != nil {
		return nil, time.Time{}, 0, encode(map[string]string{"request_error": "bad from: " + err.Error()})
	}
	ref = ref.In(time.Local)
	if _, err := parse(r.Schedule); err != nil {
		return nil, time.Time{}, 0, encode(map[string]string{"error": err.Error()})
	}
	spec := r.Schedule
	if r.Timezone != "" {
		if _, err := time.LoadLocation(r.Timezone); err != nil {
			return nil, time.Time{}, 0, encode(map[string]string{"timezone_error": err.Error()})
		}
		spec = "CRON_TZ=" + r.Timezone + " " + r.Schedule
	}
	s, err := parse(spec)
	if err != nil {
		return nil, time.Time{}, 0, encode(map[string]string{"error": err.Error()})
	}
	return s, ref, count, ""
}

func answerLine(line []byte) string {
	var r request
	if err := json.Unmarshal(line, &r); err != nil {
		return encode(map[string]string{"request_error": "bad JSON: " + err.Error()})
	}
	s, ref, count, done := prepare(r)
	if done != "" {
		return done
	}
	a := answer{Times: []string{}}
	t := ref
	for i := 0; i < count; i++ {
		t = s.Next(t)
		if t.IsZero() {
			a.Exhausted = true
			break
		}
		a.Times = append(a.Times, t.Format(time.RFC3339))
	}
	return encode(a)
}

func zones() {
	zr, err := zip.OpenReader(zoneinfoZip())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var names []string
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		if _, err := time.LoadLocation(f.Name); err == nil {
			names = append(names, f.Name)
		}
	}
	sort.Strings(names)
	fmt.Println(encode(names))
}

func bench(iterations int) {
	type prepared struct {
		s     cron.Schedule
		ref   time.Time
		count int
		spec  string
		local *time.Location
	}
	var ps []prepared
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r request
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		s, ref, count, done := prepare(r)
		if done != "" {
			continue
		}
		spec := r.Schedule
		if r.Timezone != "" {
			spec = "CRON_TZ=" + r.Timezone + " " + r.Schedule
		}
		ps = append(ps, prepared{s, ref, count, spec, time.Local})
	}
	if len(ps) == 0 {
		fmt.Println(encode(map[string]any{"error": "no requests"}))
		return
	}
	var sink int64
	// parse+next: ParseStandard of the composed text (includes time.LoadLocation) then Next×count.
	parseAndNext := func() {
		for _, p := range ps {
			time.Local = p.local
			s, err := cron.ParseStandard(p.spec)
			if err != nil {
				continue
			}
			t := p.ref
			for i := 0; i < p.count; i++ {
				t = s.Next(t)
				sink += t.Unix()
			}
		}
	}
	// next only: the schedules parsed once, Next×count timed.
	nextOnly := func() {
		for _, p := range ps {
			t := p.ref
			for i := 0; i < p.count; i++ {
				t = p.s.Next(t)
				sink += t.Unix()
			}
		}
	}
	timeIt := func(f func()) float64 {
		f() // warm-up
		start := time.Now()
		for i := 0; i < iterations; i++ {
			f()
		}
		return float64(time.Since(start).Nanoseconds()) / float64(iterations*len(ps))
	}
	a := timeIt(parseAndNext)
	b := timeIt(nextOnly)
	fmt.Println(encode(map[string]any{"cases": len(ps), "iterations": iterations, "parse_next_ns_per_op": a, "next_only_ns_per_op": b, "sink": sink % 7}))
}

// transitions answers {"zone","from","until"} with [[unixSeconds, offsetBefore, offsetAfter], ...]: the
// instants in [from, until) where the zone's UTC offset changes, per Go's tzdata.
func transitions() {
	sc := bufio.NewScanner(os.Stdin)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for sc.Scan() {
		var r struct{ Zone, From, Until string }
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		loc, err := time.LoadLocation(r.Zone)
		if err != nil {
			w.WriteString(encode(map[string]string{"zone": r.Zone, "error": err.Error()}) + "\n")
			continue
		}
		from, _ := time.Parse(time.RFC3339, r.From)
		until, _ := time.Parse(time.RFC3339, r.Until)
		out := [][3]int64{}
		offAt := func(u int64) int { _, o := time.Unix(u, 0).In(loc).Zone(); return o }
		// Hourly scan, then bisection to the second (Time.ZoneBounds is not usable past the last explicit
		// transition of a slim TZif file: it reports year-sized periods there).
		for u := from.Unix(); u < until.Unix(); u += 3600 {
			o1, o2 := offAt(u), offAt(u+3600)
			if o1 == o2 {
				continue
			}
			lo, hi := u, u+3600
			for hi-lo > 1 {
				mid := (lo + hi) / 2
				if offAt(mid) == o1 {
					lo = mid
				} else {
					hi = mid
				}
			}
			if hi < until.Unix() {
				out = append(out, [3]int64{hi, int64(o1), int64(offAt(hi))})
			}
		}
		w.WriteString(encode(map[string]any{"zone": r.Zone, "transitions": out}) + "\n")
	}
}

func main() {
	if os.Getenv("ZONEINFO") == "" {
		if _, err := os.Stat(zoneinfoZip()); err == nil {
			os.Setenv("ZONEINFO", zoneinfoZip())
		}
	}
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "zones":
			zones()
			return
		case "transitions":
			transitions()
			return
		case "info":
			fmt.Println(encode(map[string]string{"go": runtime.Version(), "zoneinfo": os.Getenv("ZONEINFO")}))
			return
		case "bench":
			n := 200
			if len(os.Args) > 2 {
				n, _ = strconv.Atoi(os.Args[2])
			}
			bench(n)
			return
		}
	}
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		w.WriteString(answerLine(line))
		w.WriteByte('\n')
	}
}

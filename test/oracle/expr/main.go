// Command oracle answers expr questions exactly as argo-server does, using the real expr-lang/expr library
// (the version pinned in this module's go.mod) as an ordinary module dependency.
//
// Protocol (issue 3): one JSON request per stdin line
//
//	{"mode":"selector"|"parameter","expression":"…","event":{"payload":<json>,"headers":[["Name","value"],…],
//	 "discriminator":"…","namespace":"…"},"profile":"v4.1"}
//
// and one JSON answer per line on stdout:
//
//	{"result":true|false}                      selector mode
//	{"value":"…"}                              parameter mode (the string argo-server puts into the Workflow)
//	{"error":"…","error_stage":"compile"|"run"|"cast"}
//
// "profile" is only used by the TypeScript runner (test/oracle/expr-runner.ts) to pick the binary built against the
// matching expr version; this program ignores it. Extra stages that can only come from bad input:
// "request" (the line is not a valid request), "environment" (argo-server's JSON round-trip of the environment
// fails, e.g. a number outside float64 range) and "panic" (a Go panic escaped expr, which argo-server would not
// survive either). A Go stack trace that expr appends to some compile errors is cut off (see fail).
//
// Nothing here is argo-workflows code; the few lines of argo-server glue are re-implemented from the behaviour
// described in the project spec (shared/spec/expr.md §1) and cited section by section.
//
// Flags:
//
//	-bench-ms N   instead of answering, time each request: compile+run (and the selector's bool cast) and run
//	              alone with a compiled program, each repeated for at least N milliseconds; prints
//	              {"answer":{…},"compile_run_ns":…,"run_ns":…,"compile_run_iterations":…,"run_iterations":…}
//	-version      print the expr module version this binary was built with
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
)

type event struct {
	// Payload is the HTTP body as argo-server receives it. grpc-gateway decodes the body into *wfv1.Item whose
	// UnmarshalJSON keeps the raw bytes (spec expr.md §1.1), so we keep the raw JSON too. Absent or null → nil.
	Payload       json.RawMessage `json:"payload"`
	Headers       [][]string      `json:"headers"`
	Discriminator string          `json:"discriminator"`
	Namespace     string          `json:"namespace"`
}

type request struct {
	Mode       string `json:"mode"`
	Expression string `json:"expression"`
	Event      event  `json:"event"`
	Profile    string `json:"profile,omitempty"`
}

type answer struct {
	Result     *bool   `json:"result,omitempty"`
	Value      *string `json:"value,omitempty"`
	Error      *string `json:"error,omitempty"`
	ErrorStage string  `json:"error_stage,omitempty"`
}

func fail(stage string, err error) answer {
	msg := err.Error()
	// expr ≥ v1.17.7 turns a panic inside its compiler (e.g. a constant-folded invalid regexp such as
	// `s matches ("[" + "")`) into an error whose text ends with a Go stack trace (runtime/debug.Stack()).
	// Addresses differ on every run, so the trace is cut off: the answer keeps the message and stage.
	if i := strings.Index(msg, "\ngoroutine "); i >= 0 {
		msg = msg[:i]
	}
	return answer{Error: &msg, ErrorStage: stage}
}

// metaData mirrors argo-server's metaData(ctx) after grpc-gateway's annotateContext (spec expr.md §1.3):
// every header line becomes one gRPC metadata value under the lower-cased key (metadata.Pairs lower-cases);
// only keys starting with "x-" are kept; repeated lines give several values, in order. The request's headers are
// taken as the complete set argo-server sees: no synthetic x-forwarded-host / x-forwarded-for is added, and
// "-bin" headers are not base64-decoded (the generator never sends them).
func metaData(headers [][]string) (map[string]interface{}, error) {
	md := map[string][]string{}
	for i, h := range headers {
		if len(h) != 2 {
			return nil, fmt.Errorf("header %d: want [name, value]", i)
		}
		k := strings.ToLower(h[0])
		md[k] = append(md[k], h[1])
	}
	meta := map[string]interface{}{}
	for k, v := range md {
		if strings.HasPrefix(k, "x-") {
			meta[k] = v // []string, as grpc's metadata.MD holds it
		}
	}
	return meta, nil
}

// environment mirrors argo-server's expressionEnvironment (spec expr.md §1.2): the four variables, then
// jsonutil.Jsonify = json.Marshal followed by json.Unmarshal into map[string]interface{} (so every number becomes
// float64, objects map[string]interface{}, arrays []interface{}, metadata values []interface{} of strings).
func environment(ev event) (map[string]interface{}, error) {
	meta, err := metaData(ev.Headers)
	if err != nil {
		return nil, err
	}
	var payload interface{}
	if len(ev.Payload) > 0 {
		payload = ev.Payload // *wfv1.Item marshals to its raw bytes
	}
	src := map[string]interface{}{
		"namespace":     ev.Namespace,
		"discriminator": ev.Discriminator,
		"metadata":      meta,
		"payload":       payload,
	}
	data, err := json.Marshal(src)
	if err != nil {
		return nil, err
	}
	env := map[string]interface{}{}
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, err
	}
	return env, nil
}

// castBool mirrors the end of argoexpr.EvalBool (spec expr.md §1.5): the result must be a Go bool.
func castBool(result interface{}) (bool, error) {
	b, ok := result.(bool)
	if !ok {
		return false, fmt.Errorf("unable to cast expression result '%s' to bool", result)
	}
	return b, nil
}

// fixJSON mirrors util/json/fix.go Fix: the literal text \u003c, \u003e, \u0026 is replaced by <, >, &
// (a plain text replacement, spec expr.md errata).
func fixJSON(s string) string {
	s = strings.ReplaceAll(s, `\u003c`, "<")
	s = strings.ReplaceAll(s, `\u003e`, ">")
	return strings.ReplaceAll(s, `\u0026`, "&")
}

// itemString mirrors wfv1.AnyStringPtr(wfv1.Item{Value: data}) → fmt "%v" → Item.String() (spec expr.md §1.7):
// the raw JSON is marshalled again (compacted, HTML-escaped), the outer quotes of a JSON string are stripped
// without undoing escapes, and Fix restores <>&.
func itemString(data []byte) (string, error) {
	x, err := json.Marshal(json.RawMessage(data))
	if err != nil {
		return "", err
	}
	s := string(x)
	if len(s) > 0 && s[0] == '"' {
		return fixJSON(strings.TrimSuffix(strings.TrimPrefix(s, `"`), `"`)), nil
	}
	return fixJSON(s), nil
}

// compile is what argo-server does for both selectors (argoexpr.EvalBool) and parameters (dispatch) since
// Argo v3.4.17 / v3.5.5: expr.Compile with expr.Env(env) and nothing else (spec expr.md §1.4–1.6).
func compile(src string, env map[string]interface{}) (*vm.Program, error) {
	return expr.Compile(src, expr.Env(env))
}

// finish turns a run result into the answer of the given mode.
func finish(mode string, result interface{}) answer {
	if mode == "selector" {
		b, err := castBool(result)
		if err != nil {
			return fail("cast", err)
		}
		return answer{Result: &b}
	}
	// Parameter: data, err := json.Marshal(result) — an error aborts the parameter (spec §1.6, errata). We report
	// the json error text itself under stage "cast" (argo-server wraps it in `failed to convert result to JSON…`).
	data, err := json.Marshal(result)
	if err != nil {
		return fail("cast", err)
	}
	s, err := itemString(data)
	if err != nil {
		return fail("cast", err)
	}
	return answer{Value: &s}
}

func evaluate(req request) (ans answer) {
	defer func() {
		if r := recover(); r != nil {
			ans = fail("panic", fmt.Errorf("panic: %v", r))
		}
	}()
	if req.Mode != "selector" && req.Mode != "parameter" {
		return fail("request", fmt.Errorf("mode must be \"selector\" or \"parameter\", got %q", req.Mode))
	}
	for i, h := range req.Event.Headers {
		if len(h) != 2 {
			return fail("request", fmt.Errorf("event.headers[%d] must be [name, value]", i))
		}
	}
	env, err := environment(req.Event)
	if err != nil {
		return fail("environment", err)
	}
	program, err := compile(req.Expression, env)
	if err != nil {
		return fail("compile", err)
	}
	result, err := expr.Run(program, env)
	if err != nil {
		// argoexpr.EvalBool wraps this as "unable to evaluate expression '<src>': <err>" and the parameter path as
		// `failed to evaluate workflow template parameter "<name>" expression: <err>`; the protocol carries expr's
		// own text.
		return fail("run", err)
	}
	return finish(req.Mode, result)
}

type benchResult struct {
	Answer               answer  `json:"answer"`
	CompileRunNs         float64 `json:"compile_run_ns"`
	RunNs                float64 `json:"run_ns"`
	CompileRunIterations int     `json:"compile_run_iterations"`
	RunIterations        int     `json:"run_iterations"`
}

// measure repeats f until at least minDur has passed (growing batches, like testing.B) and returns ns/op.
func measure(minDur time.Duration, f func()) (float64, int) {
	n := 1
	total := 0
	var elapsed time.Duration
	for elapsed < minDur {
		start := time.Now()
		for i := 0; i < n; i++ {
			f()
		}
		elapsed += time.Since(start)
		total += n
		if n < 1<<20 {
			n *= 2
		}
	}
	return float64(elapsed.Nanoseconds()) / float64(total), total
}

func bench(req request, minDur time.Duration) (res benchResult) {
	res.Answer = evaluate(req)
	env, err := environment(req.Event)
	if err != nil {
		return res
	}
	program, err := compile(req.Expression, env)
	if err != nil {
		return res
	}
	sink := 0
	res.CompileRunNs, res.CompileRunIterations = measure(minDur, func() {
		p, err := compile(req.Expression, env)
		if err != nil {
			return
		}
		r, err := expr.Run(p, env)
		if err == nil && req.Mode == "selector" {
			if b, _ := castBool(r); b {
				sink++
			}
		}
	})
	res.RunNs, res.RunIterations = measure(minDur, func() {
		r, err := expr.Run(program, env)
		if err == nil && req.Mode == "selector" {
			if b, _ := castBool(r); b {
				sink++
			}
		}
	})
	_ = sink
	return res
}

func exprVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/expr-lang/expr" {
				if d.Replace != nil {
					return d.Replace.Version
				}
				return d.Version
			}
		}
	}
	return "unknown"
}

func main() {
	benchMs := flag.Int("bench-ms", 0, "time each request for at least this many milliseconds instead of answering")
	version := flag.Bool("version", false, "print the expr version and exit")
	flag.Parse()
	if *version {
		fmt.Println(exprVersion())
		return
	}
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		line, err := in.ReadString('\n')
		if trimmed := strings.TrimSpace(line); trimmed != "" {
			var req request
			var res interface{}
			dec := json.NewDecoder(strings.NewReader(trimmed))
			if derr := dec.Decode(&req); derr != nil {
				res = fail("request", derr)
			} else if *benchMs > 0 {
				res = bench(req, time.Duration(*benchMs)*time.Millisecond)
			} else {
				res = evaluate(req)
			}
			if eerr := enc.Encode(res); eerr != nil {
				fmt.Fprintln(os.Stderr, "oracle:", eerr)
				os.Exit(1)
			}
			// Answer each line at once so a caller can talk to the process interactively.
			if ferr := out.Flush(); ferr != nil {
				os.Exit(1)
			}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				fmt.Fprintln(os.Stderr, "oracle:", err)
				os.Exit(1)
			}
			return
		}
	}
}

// argo-lint oracle for Argo v3.7: runs Argo's own `argo lint --offline --strict` code path (cmd/argo/lint with the
// offline API client) of github.com/argoproj/argo-workflows/v3 over the given files and prints, as JSON, every
// error per file. Same output format as test/oracle/argo-lint (the v4 oracle). Used to generate and check
// test/fixtures/argo-lint/golden-v3.7.json. Build: go build (the Argo version is the one in go.mod).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/argoproj/argo-workflows/v3/cmd/argo/lint"
	"github.com/argoproj/argo-workflows/v3/pkg/apiclient"
	log "github.com/sirupsen/logrus"
)

type fileResult struct {
	File   string   `json:"file"`
	Linted bool     `json:"linted"`
	Errors []string `json:"errors"`
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: argo-lint-oracle-v3.7 FILE|DIR...")
		os.Exit(2)
	}
	files := os.Args[1:]
	// v3 logs through logrus; keep stderr for real failures only (the test reads it when the run aborts).
	log.SetLevel(log.ErrorLevel)
	ctx, client, err := apiclient.NewClientFromOpts(apiclient.Opts{Offline: true, OfflineFiles: files, Context: context.Background()})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	clients := lint.ServiceClients{WorkflowsClient: client.NewWorkflowServiceClient()}
	if clients.WorkflowTemplatesClient, err = client.NewWorkflowTemplateServiceClient(); err != nil {
		panic(err)
	}
	if clients.CronWorkflowsClient, err = client.NewCronWorkflowServiceClient(); err != nil {
		panic(err)
	}
	if clients.ClusterWorkflowTemplateClient, err = client.NewClusterWorkflowTemplateServiceClient(); err != nil {
		panic(err)
	}
	res, err := lint.Lint(ctx, &lint.LintOptions{Files: files, Strict: true, DefaultNamespace: "", ServiceClients: clients, Printer: io.Discard})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out := []fileResult{}
	for _, r := range res.Results {
		fr := fileResult{File: r.File, Linted: r.Linted, Errors: []string{}}
		for _, e := range r.Errs {
			fr.Errors = append(fr.Errors, e.Error())
		}
		out = append(out, fr)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(out)
}

// argo-lint oracle: runs Argo's own `argo lint --offline --strict` code path (cmd/argo/lint with the offline
// API client) over the given files and prints, as JSON, every error per file. Used to generate and check
// test/fixtures/argo-lint/*.json. Build: go mod tidy && go build (the Argo version is the one in go.mod).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/argoproj/argo-workflows/v4/cmd/argo/lint"
	"github.com/argoproj/argo-workflows/v4/pkg/apiclient"
	"github.com/argoproj/argo-workflows/v4/util/logging"
)

type fileResult struct {
	File   string   `json:"file"`
	Linted bool     `json:"linted"`
	Errors []string `json:"errors"`
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: argo-lint-oracle FILE|DIR...")
		os.Exit(2)
	}
	files := os.Args[1:]
	ctx := logging.WithLogger(context.Background(), logging.NewSlogLogger(logging.Error, logging.Text))
	ctx, client, err := apiclient.NewClientFromOptsWithContext(ctx, apiclient.Opts{Offline: true, OfflineFiles: files})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	clients := lint.ServiceClients{WorkflowsClient: client.NewWorkflowServiceClient(ctx)}
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

package collect

import (
	"context"
	"fmt"
	"os"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/github"
)

// collectGitHub reads one organisation through the GitHub API with the
// token of the environment variable its token_env names. Endpoints the
// token may not read are recorded in the source and reported through warn.
func collectGitHub(ctx context.Context, o Options, g config.GitHubSource, warn func(string)) (evidence.SourceData, error) {
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	var token string
	if g.TokenEnv != "" {
		if token = getenv(g.TokenEnv); token == "" {
			if !evidence.ShowableEnvName(g.TokenEnv) {
				return evidence.SourceData{}, fmt.Errorf("%s: the environment variable named by token_env is not set or empty (its name is not shown: it is not written like one)", o.Config.File)
			}
			return evidence.SourceData{}, fmt.Errorf("%s: environment variable %s (token_env) is not set or empty", o.Config.File, g.TokenEnv)
		}
	}
	sd, err := github.Collect(ctx, github.CollectOptions{
		Name:         g.Name,
		Organization: g.Organization,
		BaseURL:      g.BaseURL,
		Token:        token,
		HTTPClient:   o.HTTPClient,
		Collector:    collector(o.ToolVersion),
		Now:          o.Clock,
	})
	if err != nil {
		return evidence.SourceData{}, err
	}
	for _, k := range github.Keys {
		if e, ok := sd.Source.Errors[k]; ok {
			warn(fmt.Sprintf("github/%s: %s not collected: %s", g.Name, k, e))
		}
	}
	return sd, nil
}

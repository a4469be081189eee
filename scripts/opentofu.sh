#!/usr/bin/env bash
# Prints the path of an OpenTofu CLI at OPENTOFU_VERSION, building it from the
# Go module proxy the first time. `go install github.com/opentofu/opentofu/cmd/tofu@v…`
# refuses the module (its go.mod has a replace directive), so this downloads
# the module, builds ./cmd/tofu in a writable copy and keeps the binary in a
# directory beside Go's build cache, which outlives clones of this repository
# (CI runs in a fresh clone on the same machine). The build takes a few
# minutes on 2 cores the first time, and is not repeated after that.
#
# Progress goes to standard error; standard output is the binary's path only,
# so that `TF_ACC_TERRAFORM_PATH=$(scripts/opentofu.sh)` works.
set -euo pipefail

version=${OPENTOFU_VERSION:-v1.12.6}
gocache=$(go env GOCACHE)
mkdir -p "$gocache"
cache=${OPENTOFU_CACHE_DIR:-$(cd "$gocache/.." && pwd)/terraform-provider-azuresaas}
dir="$cache/opentofu-$version"
bin="$dir/tofu"

# reports_version: whether the binary $1 runs and says it is OpenTofu at
# $version. (Read whole, not through grep -q: under pipefail, grep quitting
# early would fail the pipeline with tofu's SIGPIPE.)
reports_version() {
	local out
	out=$(CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE=/dev/null "$1" version 2>/dev/null) || return 1
	[ "${out%%$'\n'*}" = "OpenTofu ${version}" ]
}

# A binary that runs and reports the version asked for is reused.
if [ -x "$bin" ] && reports_version "$bin"; then
	echo "$bin"
	exit 0
fi

echo "building OpenTofu $version from the module proxy into $dir (once; a few minutes)" >&2
module=$(go mod download -json "github.com/opentofu/opentofu@$version")
src=$(printf '%s\n' "$module" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
if [ -z "$src" ] || [ ! -f "$src/go.mod" ]; then
	echo "go mod download gave no source directory for github.com/opentofu/opentofu@$version:" >&2
	printf '%s\n' "$module" >&2
	exit 1
fi

mkdir -p "$dir"
work=$(mktemp -d "$dir/build.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
# The module cache is read-only; building in a copy lets go.mod's replace
# directive apply (it does only in the main module).
cp -R "$src/." "$work/src"
chmod -R u+w "$work/src"
# The version string is the one the release sets (internal/version), so that
# `tofu version` and the provider's User-Agent name the pinned release.
(cd "$work/src" && GOFLAGS=-mod=readonly CGO_ENABLED=0 go build -trimpath \
	-ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" \
	-o "$work/tofu" ./cmd/tofu)
if ! reports_version "$work/tofu"; then
	echo "the OpenTofu built from $version reports another version:" >&2
	"$work/tofu" version >&2 || true
	exit 1
fi
mv -f "$work/tofu" "$bin"
echo "$bin"

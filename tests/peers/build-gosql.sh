#!/bin/sh
# Builds the Go database/sql peer of the attach tests into OUTDIR/gosql-peer,
# offline, from Debian's Go packages (golang-go, golang-github-lib-pq-dev,
# golang-github-prometheus-client-golang-dev install their sources under
# /usr/share/gocode/src): GOPATH mode, no module download.
set -eu
out=${1:?usage: build-gosql.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/gosql-peer.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/gosqlpeer"
cp "$here/gosql/main.go" "$work/src/gosqlpeer/"
cd "$work/src/gosqlpeer"
GO111MODULE=off GOPATH="$work:/usr/share/gocode" GOCACHE="$work/cache" GOFLAGS= GOPROXY=off \
    go build -o "$out/gosql-peer.tmp" .
mv "$out/gosql-peer.tmp" "$out/gosql-peer"

#!/usr/bin/env bash
# Builds, from Debian packages only, the images the cluster needs where no image registry is reachable (CI here):
#   local/debian:bookworm        a minimal Debian (debootstrap)
#   local/postgres:15            PostgreSQL, configured like the official image (POSTGRES_USER/PASSWORD/DB, PGPORT)
#   local/redis:7                Redis (REDIS_PORT, REDIS_BIND)
#   local/dotnet-aspnet:10.0     the ASP.NET Core runtime of this machine's .NET installation, on local/debian
# Where a registry is reachable, use the official images instead (see docker-compose.yml); nothing here is needed.
set -euo pipefail
cd "$(dirname "$0")"

have() { docker image inspect "$1" > /dev/null 2>&1; }

if ! have local/debian:bookworm; then
  # The first Debian mirror apt uses here (deb822 "URIs:" or one-line "deb" sources).
  mirror=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | awk '/^URIs:/ && $2 ~ /debian\/?$/ {print $2; exit} /^deb / && $2 ~ /debian\/?$/ {print $2; exit}' || true)
  root=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$root" "${mirror:-http://deb.debian.org/debian}" > /dev/null
  tar -C "$root" -c . | docker import - local/debian:bookworm > /dev/null
  rm -rf "$root"
fi

have local/postgres:15 || docker build --network host -q -t local/postgres:15 postgres > /dev/null
have local/redis:7 || docker build --network host -q -t local/redis:7 redis > /dev/null

if ! have local/dotnet-aspnet:10.0; then
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  context=$(mktemp -d)
  mkdir -p "$context/dotnet/shared"
  cp "$dotnet_root/dotnet" "$context/dotnet/"
  cp -r "$dotnet_root/host" "$context/dotnet/"
  for framework in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
    version=$(ls "$dotnet_root/shared/$framework" | sort -V | tail -1)
    mkdir -p "$context/dotnet/shared/$framework"
    cp -r "$dotnet_root/shared/$framework/$version" "$context/dotnet/shared/$framework/"
  done
  cp dotnet/Dockerfile "$context/"
  docker build --network host -q -t local/dotnet-aspnet:10.0 "$context" > /dev/null
  rm -rf "$context"
fi

docker image ls --format '{{.Repository}}:{{.Tag}}' | grep '^local/'

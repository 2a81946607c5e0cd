#!/usr/bin/env bash
# Publishes the host (with its plugins) and the Salesforce emulator, then builds the image platform-host:latest.
#   deploy/build-image.sh                                  # from Microsoft's ASP.NET Core runtime image
#   BASE_IMAGE=local/dotnet-aspnet:10.0 deploy/build-image.sh   # where no registry is reachable (see deploy/images)
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf artifacts/publish/host artifacts/publish/emulator
dotnet publish host/Platform.Host -c Release -o artifacts/publish/host --nologo -v quiet --disable-build-servers
dotnet publish sdk/Platform.Emulators.Salesforce.Server -c Release -o artifacts/publish/emulator --nologo -v quiet --disable-build-servers
docker build --network host -f deploy/Dockerfile --build-arg "BASE_IMAGE=${BASE_IMAGE:-mcr.microsoft.com/dotnet/aspnet:10.0}" -t "${IMAGE:-platform-host:latest}" .

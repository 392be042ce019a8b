# syntax=docker/dockerfile:1
# CleanAuth API image: multi-stage (SDK to build, ASP.NET runtime to run), non-root, and friendly to a
# read-only root file system: the only folder it writes is Storage:DataPath (/data, a volume): the embedded
# store's file and, with Email__Delivery=Pickup, the mail in /data/mail-pickup (with MongoDB and SMTP, nothing).
# Outside Development the mail transport must be chosen (Email__Delivery=Smtp or Pickup) or the start is refused.
# The content root is the working directory, /app: the same as `dotnet out/CleanAuth.WebApi.dll --contentRoot out`.

# The build stage runs on the builder's own platform and publishes for the target's (TARGETARCH, set by BuildKit:
# amd64 or arm64), so the image carries only that platform's libvips of the NetVips.Native packages.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Domain/Domain.csproj src/Domain/
COPY src/Application/Application.csproj src/Application/
COPY src/Infrastructure/Infrastructure.csproj src/Infrastructure/
COPY src/WebApi/WebApi.csproj src/WebApi/
RUN dotnet restore src/WebApi/WebApi.csproj -a "$TARGETARCH" /p:UseAppHost=false
COPY src/ src/
RUN dotnet publish src/WebApi/WebApi.csproj -c Release --no-restore -a "$TARGETARCH" --self-contained false -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The image's built-in non-root user (uid 1654). /data is the only writable path it needs.
# /data/mail-pickup exists in the image so that a volume mounted there starts owned by that user too.
RUN mkdir -p /data/mail-pickup && chown -R 1654:1654 /data
USER 1654
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Storage__DataPath=/data
VOLUME /data
EXPOSE 8080
# Graceful stop: SIGTERM, then in-flight requests get Api:ShutdownTimeout (8 s by default) to finish.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "CleanAuth.WebApi.dll"]

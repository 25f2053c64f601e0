# Multi-stage build: a static binary (modernc SQLite needs no cgo) on a
# minimal image, run as a non-root user, with the SQLite file on /data.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/dasi ./cmd/dasi && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/dasi /usr/local/bin/dasi
# The volume's mount point belongs to the non-root user so SQLite can write there.
COPY --from=build --chown=65532:65532 /out/data /data
ENV DASI_DB=/data/dasi.db DASI_HTTP_ADDR=:8080
VOLUME /data
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/dasi"]
CMD ["serve"]

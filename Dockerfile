# Build and run stemirac-cds. docker-compose.yml runs it with PostgreSQL.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY .mvn .mvn
COPY mvnw .
COPY src src
COPY profiles profiles
COPY terminology terminology
COPY examples examples
RUN ./mvnw -q -B -DskipTests package && java -Djarmode=tools -jar target/stemirac-cds.jar extract --destination /app

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /app /app
ENV STEMIRAC_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/stemirac-cds.jar"]

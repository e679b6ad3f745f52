# Airflow 3 with the review-monitoring pipeline installed from the locked dependencies.
FROM apache/airflow:3.3.2-python3.11

USER airflow
WORKDIR /opt/reviews

COPY --chown=airflow:0 pyproject.toml constraints.txt README.md LICENSE ./
COPY --chown=airflow:0 pipeline ./pipeline
RUN pip install --no-cache-dir -c constraints.txt .

COPY --chown=airflow:0 config ./config
COPY --chown=airflow:0 samples ./samples
COPY --chown=airflow:0 dags /opt/airflow/dags

ENV REVIEWS_CONFIG=/opt/reviews/config/demo.yaml \
    REVIEWS_DATA_DIR=/opt/airflow/reviews-data
WORKDIR /opt/airflow
# Tasks run in /opt/airflow: a relative REVIEWS_CONFIG (.env.example's config/products.yaml)
# is then the project's config/ folder, which compose mounts at /opt/reviews/config.
RUN ln -s /opt/reviews/config /opt/airflow/config

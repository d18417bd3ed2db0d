DROP TABLE systemic_reviews;
DROP TABLE appeal_figure_tags;
DROP TABLE appeal_figures;
DROP TABLE decision_tallies;

// Serrano

using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Microsoft.Xrm.Sdk.PluginTelemetry
{
    public interface ILogger
    {
        IDisposable BeginScope<TState>(TState state);
        IDisposable BeginScope(string messageFormat, params object[] args);
        bool IsEnabled(LogLevel logLevel);
        void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception exception, Func<TState, Exception, string> formatter);
        void Log(LogLevel logLevel, EventId eventId, Exception exception, string message, params object[] args);
        void Log(LogLevel logLevel, EventId eventId, string message, params object[] args);
        void Log(LogLevel logLevel, Exception exception, string message, params object[] args);
        void Log(LogLevel logLevel, string message, params object[] args);
        void LogCritical(EventId eventId, Exception exception, string message, params object[] args);
        void LogCritical(EventId eventId, string message, params object[] args);
        void LogCritical(Exception exception, string message, params object[] args);
        void LogCritical(string message, params object[] args);
        void LogDebug(EventId eventId, Exception exception, string message, params object[] args);
        void LogDebug(EventId eventId, string message, params object[] args);
        void LogDebug(Exception exception, string message, params object[] args);
        void LogDebug(string message, params object[] args);
        void LogError(EventId eventId, Exception exception, string message, params object[] args);
        void LogError(EventId eventId, string message, params object[] args);
        void LogError(Exception exception, string message, params object[] args);
        void LogError(string message, params object[] args);
        void LogInformation(EventId eventId, Exception exception, string message, params object[] args);
        void LogInformation(EventId eventId, string message, params object[] args);
        void LogInformation(Exception exception, string message, params object[] args);
        void LogInformation(string message, params object[] args);
        void LogTrace(EventId eventId, Exception exception, string message, params object[] args);
        void LogTrace(EventId eventId, string message, params object[] args);
        void LogTrace(Exception exception, string message, params object[] args);
        void LogTrace(string message, params object[] args);
        void LogWarning(EventId eventId, Exception exception, string message, params object[] args);
        void LogWarning(EventId eventId, string message, params object[] args);
        void LogWarning(Exception exception, string message, params object[] args);
        void LogWarning(string message, params object[] args);
        void LogMetric(string metricName, long value);
        void LogMetric(string metricName, IDictionary<string, string> metricDimensions, long value);
        void AddCustomProperty(string propertyName, string propertyValue);
        void Execute(string activityName, Action action, IEnumerable<KeyValuePair<string, string>> additionalCustomProperties = null);
        Task ExecuteAsync(string activityName, Func<Task> action, IEnumerable<KeyValuePair<string, string>> additionalCustomProperties = null);
    }
}
